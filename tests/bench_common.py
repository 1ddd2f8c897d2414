"""What the benchmarks share."""

# The child's own peak memory: VmHWM, the high-water mark of its address space. (On Linux a child's
# ru_maxrss also counts the parent's memory at the fork: this benchmark's parent holds hundreds of MB.)
PEAK = """
import resource

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
