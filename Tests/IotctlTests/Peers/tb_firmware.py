#!/usr/bin/env python3
"""Downloads firmware with ThingsBoard's own SDK (tb-mqtt-client), as an independent client.

Usage: tb_firmware.py HOST PORT TOKEN OUTPUT [CHUNK_SIZE] [TIMEOUT_SECONDS]

Connects as a device, asks for the firmware the way the SDK does (shared fw_* attributes, then
v2/fw chunks), lets the SDK verify the checksum, and writes the image to OUTPUT. Prints
"verified SIZE VERSION" and exits 0, or prints why and exits 1. The SDK's own filter
v2/fw/response/+ matches no chunk topic on a standard broker, so the chunk filter is added.
"""
import sys
import threading

from tb_device_mqtt import TBDeviceMqttClient


def main():
    host, port, token, output = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    chunk_size = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    limit = float(sys.argv[6]) if len(sys.argv) > 6 else 30
    done = threading.Event()
    result = {}

    def on_firmware(client, firmware, version):
        # Called only after the SDK's own checksum check passed (state VERIFIED).
        with open(output, "wb") as handle:
            handle.write(firmware)
        result["line"] = f"verified {len(firmware)} {version}"
        done.set()

    # connect() returns before the broker has accepted the session, and the SDK subscribes to its answer
    # topics (four of them) only then: a request sent earlier loses its answer, and the SDK waits in IDLE
    # (seen once under CI load). So wait for those SUBACKs, and for the chunk filter's, before asking.
    acknowledged = threading.Semaphore(0)
    client = TBDeviceMqttClient(host, port=port, username=token, chunk_size=chunk_size)
    client._client.on_subscribe = lambda *_: acknowledged.release()
    client.set_on_firmware_received_callback(on_firmware)
    client.connect(timeout=10)
    for _ in range(4):
        if not acknowledged.acquire(timeout=10):
            print("the SDK did not subscribe to its answer topics within 10 s")
            sys.exit(1)
    client._client.subscribe("v2/fw/response/+/chunk/+", qos=1)
    if not acknowledged.acquire(timeout=10):
        print("no SUBACK for the chunk filter within 10 s")
        sys.exit(1)
    client.get_firmware_update()
    if not done.wait(limit):
        state = client.current_firmware_info.get("fw_state")
        print(f"no verified firmware within {limit:g} s (SDK state {state})")
        sys.exit(1)
    print(result["line"])
    client.stop()
    client.disconnect()


if __name__ == "__main__":
    main()
