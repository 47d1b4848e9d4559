"""Checks that atomgym checkpoints and Hugging Face Llama checkpoints are interchangeable (see check_llama.py)."""
