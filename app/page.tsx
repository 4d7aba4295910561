export default function Home() {
  return <main>Ops Portal</main>;
}
