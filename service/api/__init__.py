"""The HTTP surface: the app factory and its lifespan, routes, dependencies, middleware and the
offline /docs page.
"""
