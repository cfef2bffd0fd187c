"""The endpoint's original statistics code, as the talk shows it (the "old" side of every comparison).

`stats_py` is the function the Flask endpoint called before the port to Rust. rstats'
`compute_stats` must return exactly what this returns, field by field, value by value, type by
type, and raise exactly what this raises, on the interpreter that runs it.

The order of the fields matters for which exception a bad input raises first: `range` is computed
first (an empty list raises IndexError there), then `quartiles`, `mean` and `stddev`.
"""
import statistics


def stats_py(numbers, method="exclusive"):
    """Range, quartiles, mean and sample standard deviation of `numbers`."""
    data = sorted(numbers)
    return {
        "range": float(data[-1] - data[0]),
        "quartiles": statistics.quantiles(data, n=4, method=method),
        "mean": statistics.mean(data),
        "stddev": statistics.stdev(data),
    }


if __name__ == "__main__":
    print(stats_py([1, 3, 5, 7, 9, 10, 13, 84, 528]))
