# Sourced by .ci/run and bench/run: exports JAVA_HOME (and PATH) for a JDK >= 21.
choose_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2*-jdk* /usr/lib/jvm/java-2*-openjdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      echo "JDK: $JAVA_HOME (Java $major)"
      return
    fi
  done
  echo "no JDK >= 21 found under /usr/lib/jvm; install one and set JAVA_HOME" >&2
  exit 1
}

# Installs the Debian packages whose commands are missing: pairs of "command package".
install_missing() {
  local missing=() command package
  while [ $# -ge 2 ]; do
    command=$1 package=$2
    shift 2
    command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
}
