"""Request bodies for the service tests: the talk's payload, random valid payloads, and the bad
requests a new user sends, each with the status and the message it must get."""

import json
import random

TALK_BODY = b'{"numbers": [1, 3, 5, 7, 9, 10, 13, 84, 528]}'
TALK_RESPONSE = (b'{"mean":73.33333333333333,"quartiles":[4.0,9.0,48.5],"range":527.0,'
                 b'"stddev":172.43622009311153}\n')


def random_numbers(rng):
    kind = rng.random()
    n = rng.choice([2, 2, 3, 4, 5, 7, 9, 10, 16, 33, rng.randint(2, 200)])
    if kind < 0.25:
        return [rng.randint(-1000, 1000) for _ in range(n)]
    if kind < 0.5:
        return [round(rng.uniform(-1000, 1000), rng.randint(0, 3)) for _ in range(n)]
    if kind < 0.6:
        return [rng.choice([0, 0.0, -0.0, 1, 1.0, 2, 2.5]) for _ in range(n)]
    if kind < 0.7:
        return [rng.choice([rng.randint(-2 ** 70, 2 ** 70), rng.uniform(-1e20, 1e20)]) for _ in range(n)]
    if kind < 0.75:
        return [rng.choice([1e308, 1.7e308, -1.7e308, 10 ** 400, 5e-324, 0.0]) for _ in range(n)]
    return [rng.choice([rng.randint(-50, 50), rng.gauss(0, 30), round(rng.random(), 2)]) for _ in range(n)]


def random_bodies(count, seed):
    rng = random.Random(seed)
    return [json.dumps({"numbers": random_numbers(rng)}).encode() for _ in range(count)]


def too_deep_message(body):
    """What the service's message for `body`, nested deeper than json reads, must contain here.

    Up to CPython 3.13, json counts nesting against the recursion limit: json.loads raises
    RecursionError, which the service reports as "nested too deeply". From 3.14 on it checks
    the C stack instead, so tens of thousands of unclosed "[" are read to the end and rejected
    as any other invalid JSON ("Expecting value ..."). The running interpreter decides.
    """
    try:
        json.loads(body)
    except RecursionError:
        return "nested too deeply"
    except ValueError:
        return "invalid JSON"
    raise AssertionError("json.loads accepted a body of unclosed brackets")


# (label, body, status, what the JSON error message must contain)
def bad_requests(max_body):
    return [
        ("empty body", b"", 400, "invalid JSON"),
        ("not JSON", b"numbers=1,2,3", 400, "invalid JSON"),
        ("truncated JSON", b'{"numbers": [1, 2', 400, "invalid JSON"),
        ("not UTF-8", b'{"numbers": [1, 2]}\xff', 400, "invalid JSON"),
        ("NaN", b'{"numbers": [1, NaN]}', 400, "NaN is not valid JSON"),
        ("Infinity", b'{"numbers": [1, Infinity]}', 400, "Infinity is not valid JSON"),
        ("a list, not an object", b"[1, 2, 3]", 400, "must be a JSON object"),
        ("missing numbers", b'{"values": [1, 2, 3]}', 400, 'missing "numbers"'),
        ("numbers is a string", b'{"numbers": "1, 2, 3"}', 400, '"numbers" must be a list'),
        ("numbers is null", b'{"numbers": null}', 400, '"numbers" must be a list'),
        ("numbers is a number", b'{"numbers": 5}', 400, '"numbers" must be a list'),
        ("a string item", b'{"numbers": [1, "2", 3]}', 400, '"numbers"[1] is a string'),
        ("a null item", b'{"numbers": [1, 2, null]}', 400, '"numbers"[2] is null'),
        ("a nested list", b'{"numbers": [1, [2, 3]]}', 400, '"numbers"[1] is a list'),
        ("a boolean item", b'{"numbers": [true, 2]}', 400, '"numbers"[0] is a boolean'),
        ("a number beyond floats", b'{"numbers": [1, 1e999]}', 400, "beyond the float range"),
        ("no numbers", b'{"numbers": []}', 400, "at least two numbers, got 0"),
        ("one number", b'{"numbers": [42]}', 400, "at least two numbers, got 1"),
        ("too deep", b"[" * 50_000, 400, too_deep_message(b"[" * 50_000)),
        ("too large", b'{"numbers": [' + b"1, " * (max_body // 3 + 10) + b"1]}", 413,
         f"over the limit of {max_body} bytes"),
    ]
