#[test]
fn scratch() {
    for df in [1e5, 1e6, 1e7, 1e8, 5e8] {
        println!("{df} {:?} {:?}", super::distributions::student_t_quantile(0.975, df), super::distributions::student_t_sf(2.5, df));
    }
}
