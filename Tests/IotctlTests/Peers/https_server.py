"""An HTTPS file server for firmware download tests: serves one file at /firmware.bin with Range
support, /missing as 404, /moved as a redirect, /downgrade as a redirect to plain http, /short closes the
body early, /slow sends a byte every 2 s, /endless sends without end. Prints READY and then
each request's Range header."""
import http.server, os, ssl, sys, time

certfile, keyfile, path, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
data = open(path, "rb").read()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        print("GET", self.path, "Range:", self.headers.get("Range"), flush=True)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/firmware.bin")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/downgrade":
            self.send_response(302)
            self.send_header("Location", "http://localhost:%d/firmware.bin" % port)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path in ("/slow", "/endless"):
            self.send_response(200)
            self.end_headers()
            try:
                while True:
                    if self.path == "/slow":
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(2)
                    else:
                        self.wfile.write(b"x" * 65536)
            except OSError:
                return
        if self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            return
        if self.path != "/firmware.bin":
            self.send_error(404, "Not Found")
            return
        start = 0
        header = self.headers.get("Range")
        if header and header.startswith("bytes=") and header.endswith("-"):
            start = int(header[6:-1])
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(certfile, keyfile)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("READY", flush=True)
server.serve_forever()
