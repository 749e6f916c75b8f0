"""The two search engines behind one interface (`base.SearchEngine`)."""
