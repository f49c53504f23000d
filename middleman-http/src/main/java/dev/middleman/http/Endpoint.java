package dev.middleman.http;

/** Answers one route. Runs on a worker thread, so it may block on storage. */
@FunctionalInterface
interface Endpoint {

  Answer answer(ApiRequest request) throws Exception;
}
