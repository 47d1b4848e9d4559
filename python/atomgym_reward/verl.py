"""veRL reward function: ``compute_score(data_source, solution_str, ground_truth, extra_info=None)``.

veRL passes each decoded response with the row's ``reward_model.ground_truth`` (an atomgym task id, or a task as
JSON when exported with ``--ground-truth task``). Configure with::

    custom_reward_function.path=python/atomgym_reward/verl.py custom_reward_function.name=compute_score

For the batch reward manager (``reward_model.reward_manager=batch``) use ``name=compute_score_batch``: one request
per batch, scored in parallel on the service's workers.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from atomgym_reward.client import score_batch  # noqa: E402


def _label(ground_truth, extra_info):
    if ground_truth:
        return ground_truth
    if isinstance(extra_info, dict) and extra_info.get("task_id"):
        return extra_info["task_id"]
    return ""


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """One completion → its binary reward (float). Unknown tasks and unparsable answers score 0.0."""
    return float(score_batch([_label(ground_truth, extra_info)], [solution_str])[0]["reward"])


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """veRL's BatchRewardManager form: lists in, a list of floats out."""
    infos = extra_infos if extra_infos is not None else [None] * len(solution_strs)
    labels = [_label(g, e) for g, e in zip(ground_truths, infos)]
    return [float(r["reward"]) for r in score_batch(labels, list(solution_strs))]
