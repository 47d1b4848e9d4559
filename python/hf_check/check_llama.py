"""Checks a checkpoint directory against what transformers' LlamaForCausalLM.from_pretrained needs, and (given the
log-probs another implementation computed for a token sequence) that the weights mean the same model.

usage: check_llama.py CKPT_DIR [EXPECTED_JSON]   (EXPECTED_JSON: {"ids": [...], "logprobs": [[...V]...]})
Structural checks use the standard library only. With numpy, the checkpoint runs through llama_numpy (written from
modeling_llama). With torch and transformers installed, LlamaForCausalLM.from_pretrained loads it and runs it too.
Prints one JSON report; exit status 0 when every check that could run passed.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

ckpt = sys.argv[1]
expected_path = sys.argv[2] if len(sys.argv) > 2 else None
problems = []
report = {"dir": ckpt}


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


cfg = json.load(open(os.path.join(ckpt, "config.json")))
# LlamaConfig: model_type picks the class through AutoConfig; architectures picks LlamaForCausalLM in pipelines.
need(
    cfg.get("model_type") == "llama",
    f"config.json: model_type is {cfg.get('model_type')!r}, transformers needs 'llama'",
)
need("LlamaForCausalLM" in (cfg.get("architectures") or []), "config.json: architectures lacks LlamaForCausalLM")
for field in [
    "hidden_size",
    "intermediate_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "vocab_size",
    "max_position_embeddings",
]:
    need(
        isinstance(cfg.get(field), int) and cfg[field] > 0,
        f"config.json: {field} must be a positive int, got {cfg.get(field)!r}",
    )
for field in ["rms_norm_eps", "rope_theta"]:
    need(
        isinstance(cfg.get(field), (int, float)),
        f"config.json: {field} must be a number (LlamaConfig's default would be used otherwise)",
    )
need(
    isinstance(cfg.get("tie_word_embeddings"), bool),
    "config.json: tie_word_embeddings must be given (LlamaConfig defaults to False)",
)
need(cfg.get("hidden_act", "silu") == "silu", "config.json: hidden_act must be silu")
need(cfg.get("rope_scaling") is None, "config.json: rope_scaling must be null")
need(not cfg.get("attention_bias") and not cfg.get("mlp_bias"), "config.json: attention_bias/mlp_bias must be false")
need(
    cfg.get("torch_dtype") in ("float32", "float16", "bfloat16"), f"config.json: torch_dtype {cfg.get('torch_dtype')!r}"
)

from safetensors_io import read_header  # noqa: E402

header, _ = read_header(os.path.join(ckpt, "model.safetensors"))
meta = header.get("__metadata__") or {}
# transformers refuses a safetensors file whose metadata lacks format pt/tf/flax/mlx.
need(
    meta.get("format") in ("pt", "tf", "flax", "mlx"),
    f"model.safetensors: __metadata__.format is {meta.get('format')!r}; transformers needs 'pt'",
)
C, nh, nkv = cfg.get("hidden_size", 0), cfg.get("num_attention_heads", 1), cfg.get("num_key_value_heads", 1)
hd = cfg.get("head_dim") or C // nh
I, V = cfg.get("intermediate_size", 0), cfg.get("vocab_size", 0)
want = {"model.embed_tokens.weight": [V, C], "model.norm.weight": [C]}
for i in range(cfg.get("num_hidden_layers", 0)):
    p = f"model.layers.{i}."
    want.update(
        {
            p + "input_layernorm.weight": [C],
            p + "post_attention_layernorm.weight": [C],
            p + "self_attn.q_proj.weight": [nh * hd, C],
            p + "self_attn.k_proj.weight": [nkv * hd, C],
            p + "self_attn.v_proj.weight": [nkv * hd, C],
            p + "self_attn.o_proj.weight": [C, nh * hd],
            p + "mlp.gate_proj.weight": [I, C],
            p + "mlp.up_proj.weight": [I, C],
            p + "mlp.down_proj.weight": [C, I],
        }
    )
if not cfg.get("tie_word_embeddings", False):
    want["lm_head.weight"] = [V, C]
have = {k: v for k, v in header.items() if k != "__metadata__"}
missing = sorted(set(want) - set(have))
unexpected = sorted(set(have) - set(want))
need(not missing, f"model.safetensors: missing tensors (from_pretrained would initialise them randomly): {missing[:5]}")
need(not unexpected, f"model.safetensors: unexpected tensors: {unexpected[:5]}")
for name, shape in want.items():
    if name in have:
        need(
            have[name]["shape"] == shape,
            f"model.safetensors: {name} has shape {have[name]['shape']}, LlamaForCausalLM needs {shape}",
        )
dtypes = sorted({v["dtype"] for v in have.values()})
torch_names = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}
need(
    len(dtypes) == 1 and torch_names.get(dtypes[0]) == cfg.get("torch_dtype"),
    f"model.safetensors dtypes {dtypes} vs config torch_dtype {cfg.get('torch_dtype')!r}",
)
end = 0
for name, info in sorted(have.items(), key=lambda kv: kv[1]["data_offsets"][0]):
    a, b = info["data_offsets"]
    need(a == end, f"model.safetensors: {name} starts at {a}, expected {end} (tensors must be contiguous)")
    end = b
report["tensors"] = len(have)
report["dtypes"] = dtypes

if os.path.exists(os.path.join(ckpt, "tokenizer.json")):
    tok_cfg = os.path.join(ckpt, "tokenizer_config.json")
    need(os.path.exists(tok_cfg), "tokenizer_config.json missing: AutoTokenizer needs it next to tokenizer.json")

expected = json.load(open(expected_path)) if expected_path else None
try:
    import numpy as np

    from llama_numpy import forward_logprobs
    from safetensors_io import read_tensors

    if expected:
        lp = forward_logprobs(cfg, read_tensors(os.path.join(ckpt, "model.safetensors")), expected["ids"])
        report["numpy_max_abs_diff"] = float(np.max(np.abs(lp - np.asarray(expected["logprobs"]))))
except ImportError:
    report["numpy"] = "not installed"

try:
    import torch
    from transformers import LlamaForCausalLM
except ImportError as e:
    report["transformers"] = f"not installed ({e.name}): structural and numpy checks only"
else:
    model = LlamaForCausalLM.from_pretrained(ckpt, torch_dtype=torch.float32)
    model.eval()
    report["transformers"] = {
        "loaded": type(model).__name__,
        "tied": model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr(),
    }
    if expected:
        with torch.no_grad():
            logits = model(torch.tensor([expected["ids"]])).logits[0].double()
        lp = torch.log_softmax(logits, dim=-1)
        report["transformers"]["max_abs_diff"] = float(
            (lp - torch.tensor(expected["logprobs"], dtype=torch.float64)).abs().max()
        )
    try:
        from transformers import AutoTokenizer

        tok = AutoTokenizer.from_pretrained(ckpt)
        report["transformers"]["tokenizer"] = type(tok).__name__
        report["transformers"]["tokens_hello"] = tok("hello world")["input_ids"]
    except Exception as e:  # noqa: BLE001 - reported, not fatal: the model check is the point
        report["transformers"]["tokenizer_error"] = str(e)[:300]

report["problems"] = problems
report["ok"] = not problems
print(json.dumps(report))
sys.exit(0 if report["ok"] else 1)
