pytest_plugins = ["tests.fixtures", "tests.search_fixtures", "tests.live"]
