"""Every SQL query of the dashboard, one module per page family; pages reach them through `dashboard.data`."""
