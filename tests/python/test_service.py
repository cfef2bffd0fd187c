"""The Flask service (reference/app.py) through Flask's test client: the modes, the validation,
shadow mode's bookkeeping. The same service under gunicorn: test_service_e2e.py."""

import json

import pytest

from service_payloads import TALK_BODY, TALK_RESPONSE, bad_requests, random_bodies

pytest.importorskip("flask")
import app as service  # noqa: E402  (reference/app.py)


def client(impl, **kwargs):
    return service.create_app(impl=impl, **kwargs).test_client()


@pytest.mark.parametrize("impl", ["python", "rust", "shadow"])
def test_talk(impl):
    r = client(impl).post("/stats", data=TALK_BODY, content_type="application/json")
    assert r.status_code == 200
    assert r.data == TALK_RESPONSE


def test_rust_and_python_bodies_identical():
    py, rs = client("python"), client("rust")
    for body in random_bodies(200, seed=11):
        a, b = py.post("/stats", data=body), rs.post("/stats", data=body)
        assert (a.status_code, a.data) == (b.status_code, b.data), body


@pytest.mark.parametrize("impl", ["python", "rust"])
def test_bad_requests(impl):
    c = client(impl, max_body=65536)
    for label, body, status, message in bad_requests(65536):
        r = c.post("/stats", data=body, content_type="application/json")
        assert r.status_code == status, (label, r.data)
        assert r.is_json and message in r.get_json()["error"], (label, r.data)
    assert c.post("/stats", data=TALK_BODY).data == TALK_RESPONSE
    assert c.get("/stats").status_code == 405 and "error" in c.get("/stats").get_json()
    assert c.get("/nowhere").status_code == 404 and "error" in c.get("/nowhere").get_json()


@pytest.mark.parametrize("impl", ["python", "rust"])
def test_an_item_nested_deeper_than_json_writes_is_a_400(impl):
    # 3.15's json.loads reads lists nested tens of thousands deep that json.dumps cannot write
    # back; the message quoting the item must not turn that into a 500. Earlier versions stop
    # at json.loads ("nested too deeply"); the running interpreter decides which message.
    c = client(impl, max_body=1 << 20)
    for depth in (20_000, 40_000, 60_000, 80_000):
        body = b'{"numbers": [1, ' + b"[" * depth + b"]" * depth + b"]}"
        try:
            json.loads(body)
            message = '"numbers"[1] is a list'
        except RecursionError:
            message = "nested too deeply"
        r = c.post("/stats", data=body, content_type="application/json")
        assert r.status_code == 400, (depth, r.data[:200])
        assert message in r.get_json()["error"], (depth, r.data[:200])


def test_shadow_counts_and_keeps():
    app = service.create_app(impl="shadow", shadow_sample=1.0, keep=3, seed=1)
    c = app.test_client()
    bodies = random_bodies(100, seed=5)
    for body in bodies:
        assert c.post("/stats", data=body).status_code in (200, 400)
    report = c.get("/parity").get_json()
    assert report["impl"] == "shadow"
    assert report["requests"] == report["compared"] == 100
    assert report["matches"] == 100 and report["mismatches"] == 0
    assert report["timing_us"]["python"]["count"] == 100
    assert report["timing_us"]["rust"]["count"] == 100
    # A forced disagreement is counted and kept, and the kept list is bounded.
    shadow = app.config["RSTATS_SHADOW"]
    original = service.rust_stats
    try:
        service.rust_stats = lambda numbers: {"range": 0.0}
        for body in bodies[:5]:
            c.post("/stats", data=body)
    finally:
        service.rust_stats = original
    report = c.get("/parity").get_json()
    assert report["mismatches"] == 5 and len(report["kept_mismatches"]) == 3
    assert shadow.keep == 3
    kept = report["kept_mismatches"][-1]
    assert kept["numbers"] == json.loads(bodies[4])["numbers"] and "range" in kept["rust"]


def test_shadow_sample_zero_compares_nothing():
    c = client("shadow", shadow_sample=0.0)
    for body in random_bodies(20, seed=3):
        c.post("/stats", data=body)
    report = c.get("/parity").get_json()
    assert report["requests"] == 20 and report["compared"] == 0


def test_same_is_strict():
    assert service.same({"a": [1.0]}, {"a": [1.0]})
    assert not service.same(1, 1.0)
    assert not service.same(0.0, -0.0)
    assert service.same(float("nan"), -float("nan"))
    assert not service.same(("error", "ValueError", "x", "('x',)"), ("error", "TypeError", "x", "('x',)"))


def test_bad_settings(monkeypatch):
    # Every variable and many values: test_service_config.py, with gunicorn and flask run.
    monkeypatch.setenv("RSTATS_IMPL", "fortran")
    with pytest.raises(service.ConfigError, match="RSTATS_IMPL='fortran'"):
        service.create_app()
    monkeypatch.setenv("RSTATS_IMPL", "shadow")
    monkeypatch.setenv("RSTATS_SHADOW_SAMPLE", "2")
    with pytest.raises(service.ConfigError, match="RSTATS_SHADOW_SAMPLE='2'"):
        service.create_app()
