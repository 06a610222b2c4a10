"""Debian's nginx in front of several app processes, with the repository's own config (deploy/nginx/).

Started as a foreground process on a free port of 127.0.0.1, in a temporary folder; the
`upstream` lists the given app ports, and `sticky.conf` and `proxy.conf` are included as they
are shipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {root}/deploy/nginx/sticky.conf;
    upstream barnrosten {{
        hash $barnrosten_route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            include {root}/deploy/nginx/proxy.conf;
        }}
    }}
}}
"""


def nginx_available() -> bool:
    return Path(NGINX).exists()


class Nginx:
    def __init__(self, folder: Path, port: int, app_ports: list[int]):
        self.folder, self.port, self.app_ports = folder, port, app_ports
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        self.folder.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{p};" for p in self.app_ports)
        conf = self.folder / "nginx.conf"
        conf.write_text(CONFIG.format(folder=self.folder, root=ROOT, servers=servers, port=self.port))
        self.log = open(self.folder / "nginx.out", "ab")
        self.process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.folder)], stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError(f"nginx did not start: {(self.folder / 'error.log').read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()
