import os

from django.core.wsgi import get_wsgi_application

from lscp.core.serving import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscp.settings")
application = get_wsgi_application()
settle()
