"""jxanalysis: analyse Chinese government work reports (政府工作报告)."""
from .loading import ReportError
from .report import Report, load_report

__all__ = ["Report", "ReportError", "load_report"]
