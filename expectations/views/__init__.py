"""Pages of the expectations app: public reading (public.py) and the clerk's maintenance (manage.py)."""
