// The protobufjs-generated ONNX classes (onnx-proto is CommonJS, so its namespace comes through the default import).
import onnxPkg from 'onnx-proto';

export const onnx = onnxPkg.onnx;
export type TensorProto = onnxPkg.onnx.ITensorProto;
export type NodeProto = onnxPkg.onnx.INodeProto;
export type ValueInfoProto = onnxPkg.onnx.IValueInfoProto;
export type AttributeProto = onnxPkg.onnx.IAttributeProto;

export const DataType = onnxPkg.onnx.TensorProto.DataType;
export type Dim = number | string;

/** A float32 tensor; data goes in raw_data (little-endian), which every ONNX runtime reads and is compact. */
export function floatTensor(name: string, dims: readonly number[], data: Float32Array): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count)
    throw new Error(`ONNX tensor ${name}: ${data.length} values for shape [${dims.join(', ')}] (${count} expected)`);
  return {
    name,
    dims: [...dims],
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims: [...dims], dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

export function valueInfo(name: string, elemType: number, dims: readonly Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export type AttrValue = number | readonly number[] | string | { float: number } | { tensor: TensorProto };

export function attribute(name: string, v: AttrValue): AttributeProto {
  const T = onnxPkg.onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') return { name, type: T.INT, i: v };
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: [...(v as number[])] };
  if ('float' in v) return { name, type: T.FLOAT, f: v.float };
  return { name, type: T.TENSOR, t: (v as { tensor: TensorProto }).tensor };
}
