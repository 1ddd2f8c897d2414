"""Build jxanalysis/data/divisions.csv from the releases in modood/Administrative-divisions-of-China.

Run from the repository's git directory: python build_divisions.py > divisions.csv
Each release is read at the commit that published it; the newest is the current list and
the older ones add names that have since changed or gone (until = the last release holding them).
"""
import csv
import io
import json
import re
import subprocess
import sys

# (commit, release cut-off date, files are csv or json)
RELEASES = [
    ("a7a85c0", "2015-09-30", "json"), ("d5a8cf3", "2016-07-31", "json"),
    ("c893e3b", "2017-10-31", "csv"), ("31aaa3c", "2018-10-31", "csv"),
    ("2824502", "2019-10-31", "csv"), ("78b6f36", "2020-06-30", "csv"),
    ("0b7fd75", "2021-10-31", "csv"), ("d33ad30", "2022-10-31", "csv"),
    ("dc3a1d7", "2023-06-30", "csv"),
]
NOT_A_PLACE = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
          "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
          "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_ETHNIC = "|".join(sorted(ETHNIC, key=len, reverse=True))
AUTONOMOUS = re.compile(rf"^(.*?)((?:(?:{_ETHNIC})族)+)自治(?:区|州|县|旗)$|^(.{{2,}}?)((?:(?:{_ETHNIC})族?)+)自治(?:区|州|县|旗)$")
SUFFIXES = ("特别行政区", "新区", "地区", "林区", "特区", "省", "市", "区", "县", "旗", "盟")


def short(name: str) -> str:
    """广西壮族自治区 -> 广西, 鄂温克族自治旗 -> 鄂温克, 海拉尔区 -> 海拉尔; "" when under 2 characters."""
    found = AUTONOMOUS.match(name)
    if found:
        ethnic = found.group(2) or found.group(4)
        stem = found.group(1) or found.group(3) or re.match(rf"(?:{_ETHNIC})", ethnic).group()
    elif name.endswith("自治区"):
        stem = name[:-3]
    else:  # the first suffix that leaves two characters: 神农架林区 -> 神农架, 西林区 -> 西林
        stem = next((name[: -len(s)] for s in SUFFIXES if name.endswith(s) and len(name) - len(s) >= 2), name)
    return stem if len(stem) >= 2 and stem != name else ""


def read(commit: str, kind: str, what: str) -> list[dict]:
    blob = subprocess.run(["git", "show", f"{commit}:dist/{what}.{kind}"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    if kind == "json":
        return [{"code": r["code"], "name": r["name"], "parent": r.get("parent_code", "")} for r in json.loads(blob)]
    rows = list(csv.DictReader(io.StringIO(blob)))
    parent = {"provinces": None, "cities": "provinceCode", "areas": "cityCode"}[what]
    return [{"code": r["code"], "name": r["name"], "parent": r[parent] if parent else ""} for r in rows]


def release(commit: str, kind: str) -> dict[str, tuple[str, str, str]]:
    """code -> (name, level, parent code) for one release, codes as 2/4/6 digits."""
    places: dict[str, tuple[str, str, str]] = {}
    for r in read(commit, kind, "provinces"):
        places[r["code"][:2]] = (r["name"], "province", "")
    for r in read(commit, kind, "cities"):
        if r["name"] not in NOT_A_PLACE:
            places[r["code"][:4]] = (r["name"], "prefecture", r["code"][:2])
    for r in read(commit, kind, "areas"):
        code = r["code"][:6]
        if r["name"] in NOT_A_PLACE or 71 <= int(code[4:]) <= 80:  # development zones, not divisions
            continue
        parent = code[:4] if code[:4] in places else code[:2]
        places[code] = (r["name"], "county", parent)
    return places


def main() -> None:
    rows: dict[tuple[str, str], dict] = {}
    for commit, cutoff, kind in RELEASES:
        places = release(commit, kind)
        for code, (name, level, parent) in places.items():
            full = name if level != "county" else places[parent][0] + name
            rows[(code, name)] = {"code": code, "name": name, "short": short(name), "level": level,
                                  "parent": parent, "full": full, "until": cutoff}
    newest = RELEASES[-1][1]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "short", "level", "parent", "full", "until"])
    for row in sorted(rows.values(), key=lambda r: (r["code"], r["until"] != newest, r["until"])):
        out.writerow([row["code"], row["name"], row["short"], row["level"], row["parent"], row["full"],
                      "" if row["until"] == newest else row["until"]])


if __name__ == "__main__":
    main()
