//! The OpenAI-compatible test stub as a standalone server, for benchmarks and manual tries:
//! `model-stub --port 8090 --delay-ms 20` echoes every prompt after 20 ms.

use std::time::Duration;

use system_tests::model_stub::{ModelStub, StubBehaviour};

const USAGE: &str = "usage: model-stub [--port PORT] [--delay-ms MS]";

fn main() {
    let mut port = 0u16;
    let mut delay_ms = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--port" => {
                port = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--port: not a port"))
            }
            "--delay-ms" => {
                delay_ms = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--delay-ms: not a number"))
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let stub = ModelStub::start_on(
        port,
        StubBehaviour::default().with_delay(Duration::from_millis(delay_ms)),
    );
    println!("listening on http://{}", stub.addr);
    loop {
        std::thread::park();
    }
}

fn fail(message: &str) -> ! {
    eprintln!("model-stub: {message}\n{USAGE}");
    std::process::exit(2);
}
