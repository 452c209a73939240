"""Settings, the failure types and their HTTP mapping, metrics and logs: imported by every part of
the service, importing none.
"""
