"""Adapters that let veRL, OpenRLHF and TRL score completions with atomgym's reward service.

Standard library only. Start the service first (``atomgym serve --pack DIR/tasks.jsonl``) and point the adapters at
it with ``ATOMGYM_REWARD_URL`` (default ``http://127.0.0.1:8000``).

- veRL:     ``custom_reward_function.path=.../atomgym_reward/verl.py``, ``name=compute_score``
            (or ``name=compute_score_batch`` with ``reward_model.reward_manager=batch``)
- OpenRLHF: ``--remote_rm_url http://HOST:8000/get_reward --label_key label`` (no adapter needed), or
            ``--remote_rm_url .../atomgym_reward/openrlhf.py`` to call ``reward_func``
- TRL:      ``GRPOTrainer(reward_funcs=[atomgym_reward.trl.atomgym_reward], ...)``
"""

from .client import RewardServiceError, score_batch

__all__ = ["RewardServiceError", "score_batch"]
