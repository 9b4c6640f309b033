fn main() {
    tuoke::run();
}
