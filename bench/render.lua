-- wrk script: POST the render call a production service makes.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"variables": {"name": "Ada", "topic": "benchmarks", "items": ["latency", "throughput"]}}'
