"""Calls atomgym's reward adapters the way veRL, OpenRLHF and TRL do, against a running service.

argv: <python dir> <cases.json> <openrlhf.jsonl> <trl.jsonl>. cases.json holds, per exported veRL row (read from the
parquet by the JS test): data_source, ground_truth, extra_info, prompt (messages), answer. The OpenRLHF and TRL
datasets are read here as those frameworks read them (JSON lines). Prints one JSON object with every reward.
"""

import importlib.util
import json
import sys

py_dir, cases_path, openrlhf_path, trl_path = sys.argv[1:5]
sys.path.insert(0, py_dir)


def load_as_framework(path, name):
    # veRL and OpenRLHF load a reward file by path (importlib.util.spec_from_file_location), not as a package.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def template(messages):
    # Stands in for tokenizer.apply_chat_template(..., add_generation_prompt=True): the service only needs the
    # prompt text to be a prefix of the query.
    return "".join(f"<|{m['role']}|>{m['content']}<|end|>" for m in messages) + "<|assistant|>"


cases = json.load(open(cases_path))
verl = load_as_framework(f"{py_dir}/atomgym_reward/verl.py", "custom_module")
openrlhf = load_as_framework(f"{py_dir}/atomgym_reward/openrlhf.py", "reward_func_module")
from atomgym_reward.trl import atomgym_reward  # noqa: E402  (TRL takes the function object itself)

out = {}
# veRL NaiveRewardManager: one call per response with keyword arguments; the positional order is the documented one.
out["verl"] = [
    verl.compute_score(
        data_source=c["data_source"],
        solution_str=c["answer"],
        ground_truth=c["ground_truth"],
        extra_info=c["extra_info"],
    )
    for c in cases
]
out["verl_positional"] = [verl.compute_score(c["data_source"], c["answer"], c["ground_truth"]) for c in cases]
# veRL BatchRewardManager: keyword lists.
out["verl_batch"] = verl.compute_score_batch(
    data_sources=[c["data_source"] for c in cases],
    solution_strs=[c["answer"] for c in cases],
    ground_truths=[c["ground_truth"] for c in cases],
    extra_infos=[c["extra_info"] for c in cases],
)

rows = {}
for line in open(openrlhf_path):
    row = json.loads(line)
    rows[row["task_id"]] = row
prompts = [template(rows[c["extra_info"]["task_id"]]["prompt"]) for c in cases]
queries = [p + c["answer"] for p, c in zip(prompts, cases)]
labels = [rows[c["extra_info"]["task_id"]]["label"] for c in cases]
res = openrlhf.reward_func(queries, prompts, labels)
out["openrlhf"] = [float(x) for x in res["rewards"]]
out["openrlhf_extra_logs"] = sorted(res["extra_logs"].keys())

trl_rows = {}
for line in open(trl_path):
    row = json.loads(line)
    trl_rows[row["task_id"]] = row
batch = [trl_rows[c["extra_info"]["task_id"]] for c in cases]
# GRPOTrainer, conversational dataset: prompts and completions are message lists; other columns come as kwargs.
out["trl"] = atomgym_reward(
    prompts=[r["prompt"] for r in batch],
    completions=[[{"role": "assistant", "content": c["answer"]}] for c in cases],
    ground_truth=[r["ground_truth"] for r in batch],
    task_id=[r["task_id"] for r in batch],
    skill=[r["skill"] for r in batch],
)
# Standard (string) completions work too.
out["trl_strings"] = atomgym_reward(
    prompts=[""] * len(cases), completions=[c["answer"] for c in cases], task_id=[r["task_id"] for r in batch]
)
print(json.dumps(out))
