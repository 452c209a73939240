"""The LLM side: the injected clients, the HTTP transport, instructor, the llama.cpp grammar,
answer salvage, and the embedded model server with its supervisor.
"""
