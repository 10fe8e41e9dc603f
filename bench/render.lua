-- wrk script: POST the render call a production service makes.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- The API key the script's server was started with (LLMOPS_INIT_API_KEY).
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("LLMOPS_API_KEY") or "")
wrk.body = '{"variables": {"name": "Ada", "topic": "benchmarks", "items": ["latency", "throughput"]}}'
