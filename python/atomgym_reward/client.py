"""HTTP client for atomgym's reward service (urllib only): POST /score with retries on overload and lost connections.

Each item is scored against its label: a task id the service loaded, or a whole task as JSON. A completion that
cannot be scored comes back with reward 0 and a status, never as an exception; an exception means the service could
not be reached or refused the request as a whole (the message says why).
"""

import json
import os
import time
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000"
#: Completions per request; the service takes up to 4096 by default.
CHUNK = 1024


class RewardServiceError(RuntimeError):
    pass


def service_url(url=None):
    return (url or os.environ.get("ATOMGYM_REWARD_URL") or DEFAULT_URL).rstrip("/")


def post_json(path, payload, url=None, timeout=600.0, retries=5):
    """POSTs JSON and returns the decoded answer; retries 429/503 and connection errors with backoff."""
    data = json.dumps(payload).encode("utf-8")
    target = service_url(url) + path
    delay = 0.5
    last = None
    for attempt in range(retries + 1):
        req = urllib.request.Request(target, data=data, headers={"content-type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            try:
                message = json.loads(body).get("error", body)
            except ValueError:
                message = body
            if e.code not in (429, 503):
                raise RewardServiceError(f"{target}: HTTP {e.code}: {message}") from None
            last = f"HTTP {e.code}: {message}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            last = str(getattr(e, "reason", e))
        if attempt < retries:
            time.sleep(delay)
            delay = min(delay * 2, 8.0)
    raise RewardServiceError(f"{target}: no answer after {retries + 1} tries: {last}")


def score_batch(labels, answers, url=None):
    """Scores answers[i] against labels[i]; returns the service's result dicts (reward, partial, status, detail...)."""
    if len(labels) != len(answers):
        raise ValueError(f"{len(labels)} labels but {len(answers)} answers")
    results = []
    for start in range(0, len(labels), CHUNK):
        items = [
            {"label": l, "answer": a} for l, a in zip(labels[start : start + CHUNK], answers[start : start + CHUNK])
        ]
        results.extend(post_json("/score", {"items": items}, url)["results"])
    return results
