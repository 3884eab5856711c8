"""A Django Channels process for notify's interop tests: real channels_redis 4.0 layers.

Usage (environment: HOSTS=redis://h:p[,redis://h:p...], PREFIX, KEYS=secret[,secret], LAYER=core|pubsub):
  channels_redis_peer.py receive <group or -> <count>   print {"channel": name}, then one line per message
  channels_redis_peer.py send <channel>                 send the rich message to a channel
  channels_redis_peer.py group_send <group>             group_send the rich message
  channels_redis_peer.py worker <channel> <count>       run Channels' Worker (runworker) with a ChannelNameRouter
                                                        consumer of the channel; one line per message, until <count>
Every output line is JSON; the last one is {"done": true}.
"""
import asyncio
import json
import os
import sys

from channels_redis.core import RedisChannelLayer
from channels_redis.pubsub import RedisPubSubChannelLayer

# The Java tests build the same message (ChannelsRedisInteropTest.RICH).
RICH = {
    "type": "interop.rich.message",
    "text": "h\u00e9llo \u2713",
    "int": 42,
    "big": 2 ** 40,
    "neg": -7,
    "float": 1.5,
    "true": True,
    "false": False,
    "none": None,
    "bytes": b"\x00\x01\xff",
    "list": [1, "a", [], 2.25],
    "map": {"inner": {"deep": [1, 2]}, "s": "x"},
}


def make_layer():
    hosts = os.environ["HOSTS"].split(",")
    prefix = os.environ.get("PREFIX", "asgi")
    if os.environ.get("LAYER") == "pubsub":
        return RedisPubSubChannelLayer(hosts=hosts, prefix=prefix)
    keys = [k for k in os.environ.get("KEYS", "").split(",") if k]
    # both sides must agree on group_expiry (notify's default is 300 s, channels_redis' 86400 s)
    return RedisChannelLayer(hosts=hosts, prefix=prefix, symmetric_encryption_keys=keys or None,
                             group_expiry=int(os.environ["GROUP_EXPIRY"]))


def check(message):
    if message == RICH and all(type(message[k]) is type(RICH[k]) for k in RICH):
        return "ok"
    return "mismatch: " + repr(message)


def out(value):
    print(json.dumps(value), flush=True)


async def run_worker(channel, count):
    """What `manage.py runworker <channel>` runs, on a layer configured in Django settings."""
    import django
    from django.conf import settings

    keys = [k for k in os.environ.get("KEYS", "").split(",") if k]
    settings.configure(CHANNEL_LAYERS={"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": os.environ["HOSTS"].split(","), "prefix": os.environ.get("PREFIX", "asgi"),
                   "symmetric_encryption_keys": keys or None},
    }})
    django.setup()
    from channels.consumer import AsyncConsumer
    from channels.layers import get_channel_layer
    from channels.routing import ChannelNameRouter
    from channels.worker import Worker

    done = asyncio.Event()
    seen = []

    class RichConsumer(AsyncConsumer):
        async def interop_rich_message(self, message):
            out({"type": message["type"], "check": check(message)})
            seen.append(message)
            if len(seen) == count:
                done.set()

    worker_layer = get_channel_layer()
    worker = Worker(application=ChannelNameRouter({channel: RichConsumer.as_asgi()}), channels=[channel],
                    channel_layer=worker_layer)
    out({"worker": channel})
    listening = asyncio.ensure_future(worker.handle())
    try:
        await asyncio.wait_for(done.wait(), 20)
    finally:
        listening.cancel()
        await worker_layer.close_pools()


async def main():
    command, arg = sys.argv[1], sys.argv[2]
    layer = make_layer()
    try:
        if command == "receive":
            channel = await layer.new_channel()
            if arg != "-":
                await layer.group_add(arg, channel)
            out({"channel": channel})
            for _ in range(int(sys.argv[3])):
                message = await asyncio.wait_for(layer.receive(channel), 20)
                out({"type": message["type"], "check": check(message)})
        elif command == "send":
            await layer.send(arg, RICH)
        elif command == "group_send":
            await layer.group_send(arg, RICH)
        elif command == "worker":
            await run_worker(arg, int(sys.argv[3]))
        else:
            raise SystemExit("unknown command " + command)
    finally:
        if isinstance(layer, RedisPubSubChannelLayer):
            await layer.flush()  # closes its connections
        else:
            await layer.close_pools()
    out({"done": True})


asyncio.run(main())
