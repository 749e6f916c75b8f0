"""The open API for the national service portal (`/api/`).

`base` holds what every endpoint shares (no authentication, read-only, caching
headers, JSON errors, pagination, references to pages and units); `units`,
`root`, `docs` and `wagtail` are the core endpoints. Each domain app adds its
own endpoints in `<app>/api.py` (a `urlpatterns` list), included by
`cms.core.api_urls` when the app is installed.
"""
