// A one-node ONNX model, Y = MatMul(A, B) with A [M,K] and B [K,N] as graph inputs: the anchor the
// matmul bench runs on onnxruntime-web.
import { GraphBuilder } from '../model/onnx/builder.ts';
import { DataType } from '../model/onnx/proto.ts';

export function matmulOnnxModel(M: number, N: number, K: number): Uint8Array {
  const g = new GraphBuilder();
  const a = g.input('A', DataType.FLOAT, [M, K]);
  const b = g.input('B', DataType.FLOAT, [K, N]);
  g.opNamed('MatMul', [a, b], 'Y');
  g.output('Y', DataType.FLOAT, [M, N]);
  return g.encode('matmul');
}
