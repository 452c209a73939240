"""Between the routes and the pipeline: the runtime that opens the stack, caller security and rate
limits, admission, the result cache, cancellation and the state replicas share.
"""
