"""moto's DynamoDB-compatible server with one change: requests are handled one at a time.

moto applies a transaction by snapshotting its tables and restoring the snapshot when a condition fails, so two
transactions running at once can undo each other's writes. Real DynamoDB isolates transactions; serialising the
requests gives moto that isolation, while clients still connect, retry and contend concurrently.

Usage: python moto_server.py [--host 127.0.0.1] --port PORT
"""
import argparse
import signal
import sys
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import run_simple


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    moto = DomainDispatcherApplication(create_backend_app)
    one_at_a_time = threading.Lock()

    def serialised(environ, start_response):
        with one_at_a_time:
            return list(moto(environ, start_response))

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    run_simple(args.host, args.port, serialised, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
