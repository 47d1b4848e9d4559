// The tiny Llama the trainer parity tests share: two layers, GQA 4:2, a 32-token vocabulary — small enough for the
// float64 reference, big enough that every op has more than one head, row and layer to get wrong. Tests add
// `tie_word_embeddings` (and any other change) themselves.
export const TINY_LLAMA = {
  hidden_size: 16,
  intermediate_size: 24,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  vocab_size: 32,
  max_position_embeddings: 64,
  rms_norm_eps: 1e-5,
  rope_theta: 10000,
};
