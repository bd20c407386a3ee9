"""Pages: thin views over the services, selectors and permissions."""
