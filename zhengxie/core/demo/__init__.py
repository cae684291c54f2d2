"""The 长治 demo data set: `manage.py seed_demo` loads it, `manage.py demo_logins` lists its logins.

The lists live in `data.py` (fictional people, real-sounding 长治 bodies), the loader in `builder.py`.
"""
