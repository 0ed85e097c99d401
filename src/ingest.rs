//! Group commit for inbound messages: requests that arrive together are
//! stored and decided in one transaction ([`handle_batch`]). One writer task
//! per process takes whatever is waiting (up to [`MAX_BATCH`]), so a lone
//! message waits for nobody and a burst costs one commit instead of dozens.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::conversation::{Handled, handle_batch};
use crate::live::LiveDirectives;
use crate::store::{Inbound, Store};

/// The most messages committed together.
pub const MAX_BATCH: usize = 64;

type Job = (Inbound, oneshot::Sender<Result<Handled, String>>);

/// A handle to the writer task. Cloning it is cheap.
#[derive(Clone)]
pub struct Ingestor {
    sender: mpsc::Sender<Job>,
}

impl Ingestor {
    pub fn spawn(store: Store, directives: Arc<LiveDirectives>) -> Ingestor {
        let (sender, mut receiver) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
            while receiver.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let knowledge = directives.current();
                let batch: Vec<Inbound> = jobs.iter().map(|(inbound, _)| inbound.clone()).collect();
                match handle_batch(&store, &knowledge, &batch).await {
                    Ok(handled) => {
                        for ((_, reply), handled) in jobs.drain(..).zip(handled) {
                            let _ = reply.send(Ok(handled));
                        }
                    }
                    Err(err) => {
                        let cause = format!("{err:#}");
                        tracing::error!(cause = %cause, messages = jobs.len(), "could not store a batch of messages");
                        for (_, reply) in jobs.drain(..) {
                            let _ = reply.send(Err(cause.clone()));
                        }
                    }
                }
            }
        });
        Ingestor { sender }
    }

    /// Stores and decides one message; resolves once it is committed.
    pub async fn submit(&self, inbound: Inbound) -> anyhow::Result<Handled> {
        let (reply, answer) = oneshot::channel();
        self.sender.send((inbound, reply)).await.map_err(|_| anyhow::anyhow!("the message writer has stopped"))?;
        answer.await.map_err(|_| anyhow::anyhow!("the message writer has stopped"))?.map_err(anyhow::Error::msg)
    }
}
