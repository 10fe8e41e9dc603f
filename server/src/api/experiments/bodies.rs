//! The metric-recording body: one metric object, or an array of them.

use domain::experiment::observation::NewObservation;
use serde::{Deserialize, de};
use service::experiments::Observations;

pub struct ObservationBody(pub Observations);

impl<'de> Deserialize<'de> for ObservationBody {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> de::Visitor<'de> for OneOrMany {
            type Value = ObservationBody;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a metric object or an array of metric objects")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ObservationBody, A::Error> {
                NewObservation::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|one| ObservationBody(Observations::One(one)))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ObservationBody, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(observation) = seq.next_element()? {
                    all.push(observation);
                }
                Ok(ObservationBody(Observations::Many(all)))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}
