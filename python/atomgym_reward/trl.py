"""TRL reward function for ``GRPOTrainer(reward_funcs=[atomgym_reward])``: ``(prompts, completions, **kwargs)``.

TRL passes every dataset column besides ``prompt`` as a keyword list; the exported TRL dataset has ``ground_truth``
(a task id, or a task as JSON) and ``task_id``. Completions are strings (standard format) or lists of messages
(conversational format); the last assistant message is scored.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from atomgym_reward.client import score_batch  # noqa: E402


def _text(completion):
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion:
        last = completion[-1]
        if isinstance(last, dict):
            return str(last.get("content", ""))
    return ""


def atomgym_reward(prompts, completions, **kwargs):
    labels = kwargs.get("ground_truth") or kwargs.get("task_id")
    if labels is None:
        raise ValueError(
            "atomgym_reward needs the dataset's 'ground_truth' or 'task_id' column (see atomgym export --format trl)"
        )
    return [float(r["reward"]) for r in score_batch(list(labels), [_text(c) for c in completions])]
