"""Development-only tools: the synthetic scale data set (``manage.py generate_scale_data``).

Installed by the development settings only (``protocol_portal.settings``); production settings and a
production install (without the ``dev`` dependency group, e.g. ``tqdm``) leave it out.
"""
