//! Running a rebuild so that no input can take the server down: on a thread
//! with a large stack (deeply nested content recurses deeply in the
//! Markdown and HTML stages; a stack overflow aborts the process and cannot
//! be caught), and with any panic caught and turned into an error message.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::thread;

/// The stack of a rebuild thread and of the rayon workers it uses. Only the
/// pages actually touched are committed, so the size costs nothing until a
/// deeply nested file needs it.
pub const STACK_SIZE: usize = 256 << 20;

/// Gives rayon's workers (where sections are parsed and pages rendered and
/// minified) the same large stack; does nothing once the pool exists.
pub fn configure_workers() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build_global();
}

/// Runs `work` on a thread with a [`STACK_SIZE`] stack (on this thread if no
/// thread can be started) and returns its result, or the message of the
/// panic that stopped it.
pub fn run<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, String> {
    let mut work = Some(work);
    let on_thread = thread::scope(|scope| {
        let slot = &mut work;
        let thread = thread::Builder::new()
            .name("rebuild".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || slot.take().map(catch))
            .ok()?;
        thread.join().ok().flatten()
    });
    match (on_thread, work) {
        (Some(outcome), _) => outcome,
        (None, Some(work)) => catch(work),
        (None, None) => Err("the rebuild thread stopped".into()),
    }
}

fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| message(&*payload))
}

/// The text a panic was raised with.
fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_work_after_it_runs() {
        let mut state = vec![1];
        let failed = run(|| {
            state.push(2);
            panic!("index out of bounds: {}", state.len())
        });
        assert_eq!(failed, Err::<(), _>("index out of bounds: 2".into()));
        assert_eq!(run(|| state.len()), Ok(2), "the next run works");
        assert_eq!(
            run(|| std::panic::panic_any(7)),
            Err::<(), _>("no message".into())
        );
    }

    #[test]
    fn work_runs_on_a_large_stack() {
        fn depth(n: usize) -> usize {
            let pad = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                pad[0] as usize
            } else {
                depth(n - 1) + 1
            }
        }
        // 20 MiB of frames: more than the 8 MiB of a main thread.
        assert_eq!(run(|| depth(20_000)), Ok(20_000));
    }
}
