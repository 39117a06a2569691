# Sourced by the benchmark scripts: builds the project and the benchmark module, into the local
# repository named by --repo DIR among the arguments, or the user's (~/.m2/repository) without it.
# A private repository keeps the installed SNAPSHOT plugin away from other builds sharing ~/.m2; it
# is seeded once by copying ~/.m2/repository, so the builds and the measured runs stay offline.
benchmark_build() {
  local args=("$@") i
  repo_args=()
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[i]}" = --repo ] && [ $((i + 1)) -lt ${#args[@]} ]; then
      local repo
      repo=$(realpath -m "${args[i + 1]}")
      if [ ! -d "$repo" ]; then
        echo "Seeding the local repository $repo from ~/.m2/repository"
        mkdir -p "$(dirname "$repo")"
        cp -a ~/.m2/repository "$repo"
      fi
      repo_args=("-Dmaven.repo.local=$repo")
    fi
  done
  mvn -B -q install -DskipTests "${repo_args[@]}"
  mvn -B -q -f benchmark/pom.xml package "${repo_args[@]}"
}
