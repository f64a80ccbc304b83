"""Counts page hits in Redis; the hostname "redis" is the compose service."""
import time

import redis
from flask import Flask

app = Flask(__name__)
store = redis.Redis(host="redis", port=6379)


def hits():
    for attempt in range(6):
        try:
            return store.incr("hits")
        except redis.exceptions.ConnectionError:
            if attempt == 5:
                raise
            time.sleep(0.5)


@app.route("/")
def index():
    return f"Hello World! I have been seen {hits()} times.\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
