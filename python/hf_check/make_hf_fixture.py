"""Writes a tiny Llama checkpoint the way transformers' save_pretrained (and so TRL) writes one, plus the log-probs
its math gives for a token sequence: the fixture for "a checkpoint made elsewhere loads into atomgym".

usage: make_hf_fixture.py OUT_DIR BASE_TOKENIZER_JSON [BF16|F32] [tied|untied] [single|sharded]
The tokenizer is re-serialized as the `tokenizers` library writes a SmolLM2/GPT-2 style byte-level BPE (merges as
pairs, ByteLevel pre-tokenizer/post-processor/decoder, its own special tokens), from the base file's vocabulary.
"""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llama_numpy import forward_logprobs  # noqa: E402
from safetensors_io import from_bf16_bits, to_bf16_bits, write_tensors  # noqa: E402

out, base_tok = sys.argv[1], sys.argv[2]
dtype = sys.argv[3] if len(sys.argv) > 3 else "BF16"
tied = (sys.argv[4] if len(sys.argv) > 4 else "tied") == "tied"
sharded = (sys.argv[5] if len(sys.argv) > 5 else "single") == "sharded"
os.makedirs(out, exist_ok=True)

base = json.load(open(base_tok))
specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>", "<file_sep>"]
special_ids = sorted(t["id"] for t in base["added_tokens"])
vocab = {k: v for k, v in base["model"]["vocab"].items() if v not in special_ids}
added = []
for tid, content in zip(special_ids, specials):
    vocab[content] = tid
    added.append(
        {
            "id": tid,
            "content": content,
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": True,
        }
    )
merges = [m.split(" ", 1) if isinstance(m, str) else m for m in base["model"]["merges"]]
tokenizer = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": added,
    "normalizer": None,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
    "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
    "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    "model": {
        "type": "BPE",
        "dropout": None,
        "unk_token": None,
        "continuing_subword_prefix": None,
        "end_of_word_suffix": None,
        "fuse_unk": False,
        "byte_fallback": False,
        "ignore_merges": False,
        "vocab": vocab,
        "merges": merges,
    },
}
V = len(vocab)
config = {
    "architectures": ["LlamaForCausalLM"],
    "attention_bias": False,
    "attention_dropout": 0.0,
    "bos_token_id": special_ids[0],
    "eos_token_id": special_ids[0],
    "head_dim": 8,
    "hidden_act": "silu",
    "hidden_size": 32,
    "initializer_range": 0.02,
    "intermediate_size": 64,
    "max_position_embeddings": 256,
    "mlp_bias": False,
    "model_type": "llama",
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "num_key_value_heads": 2,
    "pretraining_tp": 1,
    "rms_norm_eps": 1e-05,
    "rope_scaling": None,
    "rope_theta": 100000.0,
    "tie_word_embeddings": tied,
    "torch_dtype": "bfloat16" if dtype == "BF16" else "float32",
    "transformers_version": "4.46.3",
    "use_cache": True,
    "vocab_size": V,
}
rng = np.random.default_rng(7)
C, I, hd = config["hidden_size"], config["intermediate_size"], config["head_dim"]
shapes = {"model.embed_tokens.weight": (V, C), "model.norm.weight": (C,)}
for i in range(config["num_hidden_layers"]):
    p = f"model.layers.{i}."
    shapes.update(
        {
            p + "input_layernorm.weight": (C,),
            p + "post_attention_layernorm.weight": (C,),
            p + "self_attn.q_proj.weight": (4 * hd, C),
            p + "self_attn.k_proj.weight": (2 * hd, C),
            p + "self_attn.v_proj.weight": (2 * hd, C),
            p + "self_attn.o_proj.weight": (C, 4 * hd),
            p + "mlp.gate_proj.weight": (I, C),
            p + "mlp.up_proj.weight": (I, C),
            p + "mlp.down_proj.weight": (C, I),
        }
    )
if not tied:
    shapes["lm_head.weight"] = (V, C)
weights = {}
for name, shape in shapes.items():
    w = (1.0 + 0.1 * rng.standard_normal(shape)) if len(shape) == 1 else 0.2 * rng.standard_normal(shape)
    w = w.astype(np.float32)
    # What is on disk is what the model is: round through BF16 so the expected log-probs use the stored values.
    weights[name] = from_bf16_bits(to_bf16_bits(w)).reshape(shape) if dtype == "BF16" else w
if sharded:
    # save_pretrained past max_shard_size: tensors split across files in name order, and an index naming each one.
    names = sorted(weights)
    parts = [names[: len(names) // 2], names[len(names) // 2 :]]
    weight_map = {}
    for k, part in enumerate(parts):
        shard = f"model-{k + 1:05d}-of-{len(parts):05d}.safetensors"
        write_tensors(os.path.join(out, shard), {n: weights[n] for n in part}, dtype=dtype)
        weight_map.update({n: shard for n in part})
    total = sum(int(np.prod(w.shape)) * (2 if dtype == "BF16" else 4) for w in weights.values())
    index = {"metadata": {"total_size": total}, "weight_map": weight_map}
    json.dump(index, open(os.path.join(out, "model.safetensors.index.json"), "w"), indent=2, sort_keys=True)
else:
    write_tensors(os.path.join(out, "model.safetensors"), weights, dtype=dtype)
json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2, sort_keys=True)
json.dump(
    {
        "_from_model_config": True,
        "bos_token_id": special_ids[0],
        "eos_token_id": special_ids[0],
        "transformers_version": "4.46.3",
    },
    open(os.path.join(out, "generation_config.json"), "w"),
    indent=2,
)
json.dump(tokenizer, open(os.path.join(out, "tokenizer.json"), "w"), ensure_ascii=False)
json.dump(
    {
        "add_prefix_space": False,
        "bos_token": "<|endoftext|>",
        "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "model_max_length": 8192,
        "tokenizer_class": "GPT2Tokenizer",
        "clean_up_tokenization_spaces": False,
    },
    open(os.path.join(out, "tokenizer_config.json"), "w"),
    indent=2,
)
json.dump(
    {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>"},
    open(os.path.join(out, "special_tokens_map.json"), "w"),
    indent=2,
)
ids = [int(x) for x in rng.integers(0, V, size=12)]
lp = forward_logprobs(config, {k: v.astype(np.float64) for k, v in weights.items()}, ids)
json.dump({"ids": ids, "logprobs": lp.tolist()}, open(os.path.join(out, "expected.json"), "w"))
print(json.dumps({"dir": out, "vocab_size": V, "dtype": dtype, "tied": tied, "sharded": sharded}))
