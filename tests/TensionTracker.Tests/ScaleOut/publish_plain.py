"""Publishes one article, as POST /api/articles takes it, onto RabbitMQ's `ingest` queue with pika, as any Python
publisher would: plain JSON, persistent, no Wolverine headers, publisher confirms on.

    /usr/bin/python3 publish_plain.py AMQP_URL QUEUE < article.json
"""
import sys

import pika


def main():
    url, queue = sys.argv[1], sys.argv[2]
    body = sys.stdin.buffer.read()
    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()  # basic_publish raises if the broker does not take it
        channel.basic_publish(
            exchange="",
            routing_key=queue,
            body=body,
            properties=pika.BasicProperties(content_type="application/json", delivery_mode=2),
            mandatory=True,
        )
    finally:
        connection.close()
    print(f"published {len(body)} bytes to {queue}")


if __name__ == "__main__":
    main()
