"""Django's PostgreSQL backend whose health check gives up on a silent server."""
