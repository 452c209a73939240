"""One article in, events out: the extractor, the prompt registry, chunking, and the steps that
ground, check, add and drop events.
"""
