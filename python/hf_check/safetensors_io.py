"""safetensors read/write as the `safetensors` library does it (standard library + numpy), including BF16.

Writing follows the library's layout: a little-endian u64 header length, a JSON header whose first entry is
``__metadata__`` (transformers writes ``{"format": "pt"}``), tensors ordered by dtype alignment then name, the
header padded with spaces to a multiple of 8 bytes, then the tensor bytes back to back.
"""

import json
import struct

import numpy as np

_SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


def read_header(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
    return header, 8 + n


def to_bf16_bits(x):
    """float32 → bfloat16 bits, round to nearest even (as torch's .to(torch.bfloat16))."""
    b = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def from_bf16_bits(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def read_tensors(path):
    header, start = read_header(path)
    with open(path, "rb") as f:
        f.seek(start)
        blob = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        raw = blob[a:b]
        dt = info["dtype"]
        if dt == "BF16":
            arr = from_bf16_bits(np.frombuffer(raw, dtype="<u2"))
        elif dt == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dt == "F32":
            arr = np.frombuffer(raw, dtype="<f4")
        else:
            raise ValueError(f"{path}: tensor {name}: dtype {dt} is not a float dtype")
        out[name] = arr.reshape(info["shape"]).astype(np.float64)
    return out


def write_tensors(path, tensors, dtype="BF16", metadata=None):
    """tensors: name → float array. Returns nothing; writes the file in one go."""
    items = []
    for name in sorted(tensors):
        arr = np.asarray(tensors[name], dtype=np.float32)
        if dtype == "BF16":
            raw = to_bf16_bits(arr).astype("<u2").tobytes()
        elif dtype == "F16":
            raw = arr.astype("<f2").tobytes()
        else:
            raw = arr.astype("<f4").tobytes()
        items.append((name, list(arr.shape), raw))
    header = {"__metadata__": metadata or {"format": "pt"}}
    offset = 0
    for name, shape, raw in items:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for _, _, raw in items:
            f.write(raw)
