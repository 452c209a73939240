"""The command line (`python -m service`): serving, one-off and bulk extraction, reading article
files.
"""
