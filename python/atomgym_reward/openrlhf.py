"""OpenRLHF reward function: ``reward_func(queries, prompts, labels, **kwargs)``.

Load it with ``--remote_rm_url python/atomgym_reward/openrlhf.py --label_key label``. OpenRLHF can also call the
service directly with ``--remote_rm_url http://HOST:8000/get_reward``; this module is the same call from inside the
trainer process. Returns ``{"rewards", "scores", "extra_logs"}`` as torch tensors when torch is importable (inside
OpenRLHF it is), else as lists.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from atomgym_reward.client import post_json  # noqa: E402


def reward_func(queries, prompts, labels, **kwargs):
    out = post_json("/get_reward", {"query": list(queries), "prompts": list(prompts), "labels": list(labels)})
    result = {"rewards": out["rewards"], "scores": out["scores"], "extra_logs": out.get("extra_logs", {})}
    try:
        import torch  # noqa: PLC0415 - optional: present inside OpenRLHF, absent in a bare Python
    except ImportError:
        return result
    return {
        "rewards": torch.tensor(result["rewards"], dtype=torch.float32),
        "scores": torch.tensor(result["scores"], dtype=torch.float32),
        "extra_logs": {k: torch.tensor(v, dtype=torch.float32) for k, v in result["extra_logs"].items()},
    }
